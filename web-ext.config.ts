import { defineWebExtConfig } from 'wxt';

// Headless machines have no display for `wxt` dev mode's browser runner.
export default defineWebExtConfig({ disabled: true });
