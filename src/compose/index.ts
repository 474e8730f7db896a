export * from './options';
export * from './compose-import';
