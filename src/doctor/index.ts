export { DOCTOR_CHECKS, runDoctor } from './run'
export { formatDoctorReport } from './format'
export type { FormatReportOptions } from './format'
export type { CheckId, CheckResult, CheckStatus, DoctorOptions, DoctorReport, FetchLike } from './types'
