import en from './en.json';
import km from './km.json';
import agendaEn from './agenda.en.json';
import agendaKm from './agenda.km.json';
import policybankEn from './policybank.en.json';
import policybankKm from './policybank.km.json';
import treeEn from './tree.en.json';
import treeKm from './tree.km.json';
import reviewsEn from './reviews.en.json';
import reviewsKm from './reviews.km.json';
import actionsEn from './actions.en.json';
import actionsKm from './actions.km.json';

// One catalogue per language, assembled from files per area so that the areas' top-level keys
// ("tree", "live", "agenda", ...) are owned by one file each. Keys must not repeat across files.
export const catalogues = {
  en: { ...en, ...treeEn, ...agendaEn, ...policybankEn, ...reviewsEn, ...actionsEn },
  km: { ...km, ...treeKm, ...agendaKm, ...policybankKm, ...reviewsKm, ...actionsKm },
};
