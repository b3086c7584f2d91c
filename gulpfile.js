// Build: compile with tsc, then copy what tsc does not emit (icons, codex files) beside the compiled nodes.
const { src, dest, series } = require('gulp');
const { spawn } = require('node:child_process');
const fs = require('node:fs');

function clean(done) {
	fs.rmSync('dist', { recursive: true, force: true });
	done();
}

function compile() {
	return spawn(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
		stdio: 'inherit',
	}).on('exit', (code) => {
		if (code !== 0) throw new Error(`tsc exited with ${code}`);
	});
}

function copyAssets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports.clean = clean;
exports.build = series(clean, compile, copyAssets);
exports.default = exports.build;
