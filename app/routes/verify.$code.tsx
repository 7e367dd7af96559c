export { default, loader, meta } from "./verify";
