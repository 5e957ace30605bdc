import { i18n } from '../../i18n';
import { fieldAr } from './ar';
import { fieldCkb } from './ckb';
import { fieldEn } from './en';

// The phone app's texts join the app's dictionaries when its code loads.
i18n.addResourceBundle('en', 'translation', { field: fieldEn }, true, false);
i18n.addResourceBundle('ar', 'translation', { field: fieldAr }, true, false);
i18n.addResourceBundle('ckb', 'translation', { field: fieldCkb }, true, false);
