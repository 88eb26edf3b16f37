/**
 * `dist/peliqan-embed.all.js`, everything in one self-contained classic script (product spec §2): the
 * same `window.PeliqanEmbed` and the same autoloader as the loader, with every module inside. Each
 * module runs only when first needed, so a second copy of the script tag on the page (this file or the
 * loader) runs none of it: nothing is defined twice, and no second Lit asks for the `lit-html` Trusted
 * Types policy.
 */
import { installPeliqanEmbed } from './script-tag/global.js';
import { MODULES } from './script-tag/modules.js';

installPeliqanEmbed({ modules: MODULES });
