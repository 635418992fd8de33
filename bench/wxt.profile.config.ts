/**
 * The production build with readable function names, for `npm run bench -- --profile`: the same
 * config, minification off, source maps on, written to the folder in `BENCH_WXT_OUT_DIR`.
 */
import { defineConfig, type UserConfig } from 'wxt';
import base from '../wxt.config.ts';

const baseVite = base.vite;

export default defineConfig({
  ...base,
  outDir: process.env.BENCH_WXT_OUT_DIR ?? '.output-bench-profile',
  vite: (env) => {
    const vite = baseVite ? baseVite(env) : {};
    return { ...vite, build: { ...(vite as { build?: object }).build, minify: false, sourcemap: true } };
  },
} satisfies UserConfig);
