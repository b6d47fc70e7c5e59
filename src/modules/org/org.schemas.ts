// The org module's schemas, enums and labels are the contract with the admin app: src/contract/org.ts.
export * from '../../contract/org.js';
