import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { createChatConfigPlugin, createSessionsPlugin } from 'vue-chat-stream'
import 'vue-chat-stream/style.css'
// Inter, the font the components ask for (optional; without it they use the system font): docs/decisions/fonts.md.
import 'vue-chat-stream/fonts.css'
import App from './App.vue'
import { accessToken, apiBaseUrl, chatLocale, serviceNotices } from './chat-config'

const locale = chatLocale()
document.documentElement.lang = locale

// This app's sessions store streams from here with `Authorization: Bearer <token>`; every component speaks the
// chosen language and shows the configured service notices.
createApp(App)
  .use(createPinia())
  .use(createSessionsPlugin({ baseUrl: apiBaseUrl(), token: accessToken }))
  .use(createChatConfigPlugin({ locale, notices: serviceNotices() }))
  .mount('#app')
