// Types for the SDKs' subpath exports ("./api", "./api/registries", …). The project type-checks
// with moduleResolution node10, which ignores package.json "exports"; esbuild and Node resolve
// the subpaths through "exports" at build and run time. Importing the modular functions instead
// of the classic clients keeps the bundle small (README "Azure discovery").
declare module '@azure/arm-containerregistry/api' {
  export * from '@azure/arm-containerregistry/dist/commonjs/api/index.js';
}
declare module '@azure/arm-containerregistry/api/registries' {
  export * from '@azure/arm-containerregistry/dist/commonjs/api/registries/index.js';
}
declare module '@azure/arm-resources-subscriptions/api' {
  export * from '@azure/arm-resources-subscriptions/dist/commonjs/api/index.js';
}
declare module '@azure/arm-resources-subscriptions/api/tenants' {
  export * from '@azure/arm-resources-subscriptions/dist/commonjs/api/tenants/index.js';
}
declare module '@azure/arm-resources-subscriptions/api/subscriptions' {
  export * from '@azure/arm-resources-subscriptions/dist/commonjs/api/subscriptions/index.js';
}
