// Writes apps/api/src/openapi-metadata.ts: the @nestjs/swagger plugin's view of every DTO and
// controller (types, optionality, validation limits, doc comments), so OpenAPI schemas come from
// the code without repeating them in @ApiProperty decorators. Run by `npm run build`; committed.
import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator';
/* eslint-disable @typescript-eslint/no-require-imports */
// The package exports its plugin as '@nestjs/swagger/plugin', which this moduleResolution cannot type.
const { ReadonlyVisitor } = require('@nestjs/swagger/plugin') as typeof import('@nestjs/swagger/dist/plugin');

new PluginMetadataGenerator().generate({
  visitors: [
    new ReadonlyVisitor({
      introspectComments: true,
      pathToSource: `${__dirname}/../apps/api/src`,
      classValidatorShim: true,
      dtoFileNameSuffix: ['.dto.ts', '.controller.ts'],
      controllerFileNameSuffix: ['.controller.ts'],
    }),
  ],
  outputDir: `${__dirname}/../apps/api/src`,
  filename: 'openapi-metadata.ts',
  tsconfigPath: 'tsconfig.build.json',
  printDiagnostics: false,
});
