import type { BrowserContext, Page } from "playwright-core";
export const CHROMIUM: string;
export function startService(port: number): Promise<{ base: string; stop(): void }>;
export function launchBrowser(opts?: {
  width?: number;
  height?: number;
  deviceScaleFactor?: number;
  isMobile?: boolean;
}): Promise<{ context: BrowserContext; close(): Promise<void> }>;
export function waitForPanels(page: Page, timeout?: number): Promise<void>;
