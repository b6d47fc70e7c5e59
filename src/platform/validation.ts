// The partial-update schema lives with the contract (src/contract/common.ts), which the admin app shares.
export { patchOf } from '../contract/common.js';
