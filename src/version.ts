export { toolVersion } from './util/package-root.js';
