export * from './noxus-vm-files';
