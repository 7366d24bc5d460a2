import proxySchema from '../../../../schemas/proxy.schema.json';
import routesSchema from '../../../../schemas/routes.schema.json';
import serviceSchema from '../../../../schemas/kubernetes/service-v1.json';
import type { JsonSchema } from './jsonSchema';

export const SCHEMAS = {
  proxy: proxySchema as JsonSchema,
  routes: routesSchema as JsonSchema,
  service: serviceSchema as JsonSchema,
} as const;

export type SchemaName = keyof typeof SCHEMAS;
