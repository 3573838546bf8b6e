#!/usr/bin/env node
// The npm registry reachable here lacks some other platforms' optional binaries
// (@next/swc-darwin-*, @tailwindcss/oxide-win32-*, ...), so `npm install` leaves them
// out of package-lock.json and `npm ci` then refuses the lock as out of sync. This adds
// a stub entry (version, os, cpu, optional) for each such package: npm ci skips them on
// this platform, as it would with a lock made elsewhere. Run after `npm install`.
import fs from 'node:fs';

const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const pkgs = lock.packages;
const PLATFORM = [
  [/android-arm64/, ['android'], ['arm64']],
  [/darwin-arm64/, ['darwin'], ['arm64']],
  [/darwin-x64/, ['darwin'], ['x64']],
  [/freebsd-x64/, ['freebsd'], ['x64']],
  [/linux-arm-gnueabihf/, ['linux'], ['arm']],
  [/wasm32-wasi/, null, ['wasm32']],
  [/win32-arm64/, ['win32'], ['arm64']],
  [/win32-x64/, ['win32'], ['x64']],
  [/win32-ia32/, ['win32'], ['ia32']],
];
let added = 0;
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (pkgs[key] || pkgs[`${path}/node_modules/${name}`]) continue;
    const rule = PLATFORM.find(([re]) => re.test(name));
    if (!rule) continue; // a package for this platform must really be installed
    const [, os, cpu] = rule;
    pkgs[key] = { version, ...(cpu ? { cpu } : {}), ...(meta.dev ? { dev: true } : {}), optional: true, ...(os ? { os } : {}) };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
fs.writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile: ${added} platform stub(s) added`);
