import { type EntityManager, type EntityTarget, type FindOptionsWhere } from 'typeorm';
import { scopeWhere, type TenantScope } from '../auth/actor';
import { NotFoundException } from '../errors/domain.exception';

/**
 * The row with `id` if the caller's scope can see it (its enterprise's or its jurisdiction's),
 * optionally locked for update; otherwise a 404, so another tenant cannot learn that it exists.
 * A row without an enterprise (a roadside device's alert) is visible to its jurisdiction only.
 */
export async function findVisibleOrFail<
  T extends { id: string; enterpriseId: string | null; jurisdictionCode: string },
>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  label: string,
  scope: TenantScope,
  id: string,
  lock = false,
): Promise<T> {
  const found = await manager.findOne(entity, {
    where: { ...scopeWhere(scope), id } as FindOptionsWhere<T>,
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!found) throw new NotFoundException(label, id);
  return found;
}
