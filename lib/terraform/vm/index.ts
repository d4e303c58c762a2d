import './peers';

export * from './noxus-vm-files';
