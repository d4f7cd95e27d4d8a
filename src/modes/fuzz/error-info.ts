// Whatever a property threw — an Error, a string, an object — as plain text
// that crosses the thread boundary and reads well in a finding. The same
// description every worker failure uses (engine/pool/thrown-value.ts).
export { toThrownValue as toErrorInfo, thrownLine as errorLine } from '../../engine/pool/thrown-value.js';
