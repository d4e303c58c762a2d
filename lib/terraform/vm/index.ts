import './peers';
// The flavour's reference check, for core's checks of what the app passes before any construct of this entry.
import '../references';

export * from './noxus-vm-files';
