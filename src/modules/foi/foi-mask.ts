// Masking comes from the public forms' helpers (one implementation for every public form).
export { maskIdNumber, maskName, maskPhone } from '../../platform/public-forms/mask.js';
