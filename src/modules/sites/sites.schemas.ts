// The sites module's schemas, enums and labels are the contract with the admin app: src/contract/sites.ts.
export * from '../../contract/sites.js';
