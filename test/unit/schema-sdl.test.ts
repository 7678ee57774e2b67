import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.ts';
import { printPublicSdl, printSubgraphSdl } from '../../src/schema/sdl.ts';

const committed = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));
const committedSubgraph = fileURLToPath(new URL('../../schema/subgraph.graphql', import.meta.url));
const contractFile = fileURLToPath(new URL('../../../shared/contract/schema.graphql', import.meta.url));
const writeContractFile = fileURLToPath(new URL('../../../shared/contract/write.graphql', import.meta.url));

/** schema.graphql and write.graphql concatenated: one SDL (write.graphql extends the first). */
function contractSdl(): string {
  return [contractFile, writeContractFile]
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}

describe('generated SDL', () => {
  it('matches schema/schema.graphql (run `npm run schema` after changing the schema)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(printPublicSdl());
  });

  it('matches schema/subgraph.graphql (run `npm run schema` after changing the schema)', () => {
    expect(readFileSync(committedSubgraph, 'utf8')).toBe(printSubgraphSdl());
  });

  it('has a description on every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args)
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues())
          if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()))
          if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe.skipIf(!existsSync(contractFile))(
  'contract ../shared/contract/schema.graphql + write.graphql',
  () => {
    const contract = existsSync(contractFile) ? buildSchema(contractSdl()) : undefined;

    it('includes write.graphql (Mutation, Participant, Meeting.participants)', () => {
      expect(existsSync(writeContractFile)).toBe(true);
      expect(contract?.getMutationType()?.name).toBe('Mutation');
      expect(contract?.getType('Participant')).toBeDefined();
    });
    const contractTypes = contract
      ? Object.values(contract.getTypeMap()).filter((t) => !t.name.startsWith('__'))
      : ([] as GraphQLNamedType[]);

    it.each(contractTypes.map((t) => [t.name, t] as const))(
      '%s exists with the same fields, args and values',
      (name, type) => {
        const ours = schema.getType(name);
        expect(ours, `type ${name}`).toBeDefined();
        if (!ours) return;
        if (isScalarType(type)) expect(isScalarType(ours)).toBe(true);
        if (isEnumType(type)) {
          expect(isEnumType(ours)).toBe(true);
          if (isEnumType(ours)) {
            expect(ours.getValues().map((v) => v.name)).toEqual(
              expect.arrayContaining(type.getValues().map((v) => v.name)),
            );
          }
        }
        if (isInputObjectType(type)) {
          expect(isInputObjectType(ours)).toBe(true);
          if (!isInputObjectType(ours)) return;
          const fields = ours.getFields();
          for (const field of Object.values(type.getFields())) {
            expect(fields[field.name] && String(fields[field.name]?.type), `${name}.${field.name}`).toBe(
              String(field.type),
            );
          }
          // No required input field beyond the contract's.
          for (const mine of Object.values(fields)) {
            if (!type.getFields()[mine.name]) expect(String(mine.type).endsWith('!')).toBe(false);
          }
        }
        if (isObjectType(type) || isInterfaceType(type)) {
          expect(isObjectType(ours) || isInterfaceType(ours)).toBe(true);
          if (!isObjectType(ours) && !isInterfaceType(ours)) return;
          const fields = ours.getFields();
          for (const field of Object.values(type.getFields())) {
            const mine = fields[field.name];
            expect(mine, `${name}.${field.name}`).toBeDefined();
            if (!mine) continue;
            expect(String(mine.type), `${name}.${field.name} type`).toBe(String(field.type));
            for (const arg of field.args) {
              const myArg = mine.args.find((a) => a.name === arg.name);
              expect(myArg && String(myArg.type), `${name}.${field.name}(${arg.name})`).toBe(
                String(arg.type),
              );
            }
            // No required argument beyond the contract's.
            for (const myArg of mine.args) {
              if (!field.args.some((a) => a.name === myArg.name))
                expect(String(myArg.type).endsWith('!')).toBe(false);
            }
          }
          if (isObjectType(type) && isObjectType(ours)) {
            expect(ours.getInterfaces().map((i) => i.name)).toEqual(
              expect.arrayContaining(type.getInterfaces().map((i) => i.name)),
            );
          }
        }
      },
    );
  },
);
