import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Jurisdiction } from '@app/identity';

export enum ZoneKind {
  /** An area open to the activity. */
  Area = 'AREA',
  /** A road or route: a line with a buffer on either side. */
  Route = 'ROUTE',
  /** A closed test field (测试区(场)). */
  ClosedField = 'CLOSED_FIELD',
}

/**
 * A zone in WGS-84, in PostGIS so that GIS tools and spatial queries read it directly. `area` is
 * what membership means: the polygon itself, or the route's line buffered by `bufferMeters`.
 */
@Entity({ name: 'zones' })
@Index('UQ_zones_code', ['jurisdictionCode', 'code'], { unique: true })
export class Zone {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  jurisdictionCode!: string;

  @ManyToOne(() => Jurisdiction, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'jurisdiction_code', foreignKeyConstraintName: 'FK_zones_jurisdiction' })
  jurisdiction?: Relation<Jurisdiction>;

  /** Short stable identifier, e.g. PS-BUS-13KM. */
  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: ZoneKind;

  @Column('double precision', { nullable: true })
  bufferMeters!: number | null;

  /** Conditions the zone carries, e.g. EXPRESSWAY. */
  @Column('text', { array: true, default: () => "'{}'" })
  conditions!: string[];

  /** The geometry as drawn (Polygon, MultiPolygon or LineString), converted to WGS-84. */
  @Column('geometry', { spatialFeatureType: 'Geometry', srid: 4326 })
  geometry!: object;

  /** The area that counts as inside: the polygon, or the buffered line. */
  @Index('IDX_zones_area', { spatial: true })
  @Column('geometry', { spatialFeatureType: 'MultiPolygon', srid: 4326, select: false })
  area!: object;

  @Column('integer', { default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
