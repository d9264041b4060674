export { VIEWER_HTML } from './viewer/page';
export { VIEWER_SCRIPT as VIEWER_JS } from './viewer/script';
export { VIEWER_CSS } from './viewer/style';
