export * from './options';
export * from './compose-import';
// The file systems a compose import reads through (ComposeOptions.fileSystem).
export * from './load/file-system';
export * from './load/memory-file-system';
export * from './load/node-file-system';
