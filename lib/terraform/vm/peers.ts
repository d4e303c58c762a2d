import { requireEntryPeers } from '../flavour/peers';

// Runs before the entry's modules load (imports evaluate in order), so a missing peer gets the library's error.
requireEntryPeers('vm');
