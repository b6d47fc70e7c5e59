#!/bin/sh
# The project's one test command (`npm test`, see README). On a fresh machine it installs what the
# tests need — Debian's chromium for the browser tests, the locked npm packages — then type-checks,
# builds, and runs the suite. GOVPORTAL_TEST_DIALECTS=all adds PostgreSQL and MariaDB (CI does).
set -eu
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

if [ "${GOVPORTAL_TEST_BROWSER:-on}" != off ] && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "[govportal] 安装 chromium（浏览器测试需要）…"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi

# The e-mail intake tests read a real mailbox: Debian's Dovecot, started by the tests themselves.
if [ ! -x "${DOVECOT_PATH:-/usr/sbin/dovecot}" ]; then
  echo "[govportal] 安装 dovecot-imapd（邮件报送测试需要）…"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null
fi

# Chinese text in screenshots and PDFs needs a CJK font.
if [ "${GOVPORTAL_TEST_BROWSER:-on}" != off ] && command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; then
  echo "[govportal] 安装中文字体 …"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null
fi

# npm ci when node_modules does not match the lock file (it also builds, through `prepare`).
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.govportal-lock ] || [ "$(cat node_modules/.govportal-lock)" != "$lock_hash" ]; then
  echo "[govportal] npm ci …"
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.govportal-lock
else
  npm run build
fi

npx biome check --no-errors-on-unmatched .   # lint and format (biome.json); `npm run format` fixes the format
npx tsc --noEmit -p tsconfig.json
npx tsc --noEmit -p admin/tsconfig.json
npx vitest run "$@"
