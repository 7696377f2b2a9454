// ServiceNotice: translated, dismissible banners for temporary problems, driven by app config.
export { default as ServiceNotice } from './ServiceNotice.vue'
export type { ServiceNoticeEmits, ServiceNoticeProps } from './ServiceNotice.vue'
export type { NoticeStorage, ServiceNoticeConfig, ServiceNoticeSeverity } from './notice'
