// The calibration repositories and the setups each one stands for (see README.md).
export const REPOS = [
  { name: 'vercel/ai', setups: 'pnpm workspaces, Turborepo, project references, library with exports maps, Next.js app router examples, NestJS example' },
  { name: 'langchain-ai/langchainjs', setups: 'pnpm workspaces, Turborepo, project references, libraries with exports maps, many generated entrypoints' },
  { name: 'triggerdotdev/trigger.dev', setups: 'pnpm workspaces, Turborepo, project references, Remix webapp, generated Prisma/OpenAPI files' },
  { name: 'formbricks/formbricks', setups: 'pnpm workspaces, Turborepo, Next.js app router, Vite packages' },
  { name: 'makeplane/plane', setups: 'pnpm workspaces, Turborepo, Next.js / React Router apps' },
  { name: 'RooCodeInc/Roo-Code', setups: 'pnpm workspaces, Turborepo, VS Code extension, Vite + React webview, Next.js site' },
  { name: 'cline/cline', setups: 'Bun workspaces, VS Code extension, Vite + React webview, project references' },
  { name: 'continuedev/continue', setups: 'npm packages linked with file: dependencies, VS Code extension, Vite + React GUI' },
  { name: 'google-gemini/gemini-cli', setups: 'npm workspaces, ESM Node CLI, React (Ink) UI' },
  { name: 'excalidraw/excalidraw', setups: 'yarn workspaces, Vite + React app, published packages' },
  { name: 'refly-ai/refly', setups: 'pnpm workspaces, Turborepo, NestJS API, React web app, project references' },
  { name: 'hydralauncher/hydra', setups: 'Electron (electron-vite) + React, yarn' },
  { name: 'ThinkInAIXYZ/deepchat', setups: 'Electron + Vue, pnpm, project references' },
  { name: 'denoland/fresh', setups: 'Deno workspace (deno.json), JSR packages, Vite plugin' },
  { name: 'honojs/hono', setups: 'library with a large exports map, Bun + Deno + Node tests, project references' },
];
