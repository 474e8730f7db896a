export * from './nfs-storage-class';
export * from './claim-storage-class';
export * from './nfs-volume';
