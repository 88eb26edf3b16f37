/**
 * The fake's connector catalogue: realistic definitions in the shape Peliqan serves
 * (peliqan-api.md §4): slot keys (`host`, `username`, `password`, `param1`…), `show: false` slots,
 * defaults, help texts, and each way of marking OAuth on its own (`type: "oauth"`, `oauth: true`,
 * `auth_type`, no shown field). Icons are served by the fake itself.
 * The fake keeps its own truth about each connector (`connectsBy`, `formSlots`) and never asks the
 * widget's guesses, so a test can hold those guesses against it.
 */

/** A connector definition as the fake serves it (`icon_url` is filled in per server). */
export interface FakeServertype {
  id: number;
  name: string;
  server_type: string;
  category: string;
  order: number;
  color: string;
  available: 'LIVE' | 'BETA';
  description: string;
  oauth?: boolean;
  auth_type?: string;
  settings: { connect_form: FakeConnectForm };
  /**
   * The fake's own truth, never served: whether a connection is made by signing in (the create answers
   * an `oauth_url`) or with the form's values. The widget has to guess it from what is served.
   */
  connectsBy: 'oauth' | 'credentials';
}

export interface FakeConnectForm {
  type?: string;
  helptext?: string;
  fields: Record<string, FakeField>;
}

export interface FakeField {
  show: boolean;
  label?: string;
  type?: string;
  required?: boolean;
  defaultvalue?: string | number | boolean;
  helptext?: string;
  placeholder?: string;
  options?: (string | { value: string; label: string })[];
}

/** A slot of a connect form that the customer fills in, as the fake itself reads its definitions. */
export interface FormSlot {
  key: string;
  required: boolean;
}

/** The slots `servertype`'s form shows (`show: true`), in order; the fake's own rule, not the widget's. */
export const formSlots = (servertype: FakeServertype): FormSlot[] =>
  Object.entries(servertype.settings.connect_form.fields)
    .filter(([, field]) => field.show)
    .map(([key, field]) => ({ key, required: field.required === true }));

const hidden = (...keys: string[]): Record<string, FakeField> =>
  Object.fromEntries(keys.map((key) => [key, { show: false, required: false }]));

const apiKey = (label: string, helptext: string, rest: Record<string, FakeField> = {}): FakeConnectForm => ({
  helptext,
  fields: {
    ...hidden('host', 'port', 'username', 'param1', 'param2'),
    ...rest,
    password: { show: true, label, required: true },
  },
});

const database = (port: number, helptext: string, extra: Record<string, FakeField> = {}): FakeConnectForm => ({
  helptext,
  fields: {
    host: { show: true, label: 'Host', required: true, placeholder: 'db.example.com' },
    port: { show: true, label: 'Port', type: 'number', defaultvalue: String(port) },
    username: { show: true, label: 'Username', required: true },
    password: { show: true, label: 'Password', required: true },
    param1: { show: true, type: 'input', label: 'Database', required: true },
    ...extra,
    ...hidden('param5', 'param6'),
  },
});

/** The OAuth connectors vary how they say so, as Peliqan's own definitions do. */
const oauthForm = (helptext: string): FakeConnectForm => ({
  type: 'oauth',
  helptext,
  fields: hidden('host', 'username', 'password'),
});
const noShownFields = (): FakeConnectForm => ({ fields: hidden('password', 'param1') });

type Entry = Omit<FakeServertype, 'available' | 'description' | 'connectsBy'> &
  Partial<Pick<FakeServertype, 'available' | 'description' | 'connectsBy'>>;

const entries: Entry[] = [
  // CRM
  {
    id: 201,
    name: 'HubSpot',
    server_type: 'hubspot',
    connectsBy: 'oauth',
    category: 'CRM',
    order: 10,
    color: '#ff7a59',
    settings: { connect_form: oauthForm('You will be asked to sign in to HubSpot and allow access.') },
  },
  {
    id: 202,
    name: 'Pipedrive',
    server_type: 'pipedrive',
    category: 'CRM',
    order: 20,
    color: '#1a1a1a',
    settings: {
      connect_form: apiKey('API token', 'Find your API token in Pipedrive under Personal preferences → API.', {
        username: {
          show: true,
          label: 'Company domain',
          required: true,
          placeholder: 'yourcompany',
          helptext: 'The part before .pipedrive.com',
        },
      }),
    },
  },
  {
    id: 203,
    name: 'Salesforce',
    server_type: 'salesforce',
    connectsBy: 'oauth',
    category: 'CRM',
    order: 15,
    color: '#00a1e0',
    oauth: true,
    settings: {
      connect_form: {
        fields: {
          param1: {
            show: true,
            label: 'Environment',
            type: 'select',
            options: [
              { value: 'production', label: 'Production' },
              { value: 'sandbox', label: 'Sandbox' },
            ],
            defaultvalue: 'production',
          },
        },
      },
    },
  },
  {
    id: 204,
    name: 'Teamleader Focus',
    server_type: 'teamleader',
    connectsBy: 'oauth',
    category: 'CRM',
    order: 40,
    color: '#00b2b2',
    // Says nothing of OAuth but shows no field: the widget must take that as a sign-in.
    settings: { connect_form: noShownFields() },
  },
  {
    id: 205,
    name: 'Zoho CRM',
    server_type: 'zoho_crm',
    connectsBy: 'oauth',
    category: 'CRM',
    order: 50,
    color: '#e42527',
    settings: { connect_form: oauthForm('Sign in with your Zoho account.') },
  },
  {
    id: 206,
    name: 'ActiveCampaign',
    server_type: 'activecampaign',
    category: 'CRM',
    order: 60,
    color: '#356ae6',
    settings: {
      connect_form: apiKey('API key', 'Settings → Developer shows your API URL and key.', {
        host: { show: true, label: 'API URL', required: true, placeholder: 'https://youraccount.api-us1.com' },
      }),
    },
  },
  // Accounting
  {
    id: 301,
    name: 'Exact Online',
    server_type: 'exact_online',
    connectsBy: 'oauth',
    category: 'Accounting',
    order: 10,
    color: '#e1001a',
    settings: { connect_form: oauthForm('Sign in with the Exact Online user that may read the administrations.') },
  },
  {
    id: 302,
    name: 'Xero',
    server_type: 'xero',
    connectsBy: 'oauth',
    category: 'Accounting',
    order: 20,
    color: '#13b5ea',
    oauth: true,
    settings: { connect_form: noShownFields() },
  },
  {
    id: 303,
    name: 'QuickBooks Online',
    server_type: 'quickbooks',
    connectsBy: 'oauth',
    category: 'Accounting',
    order: 30,
    color: '#2ca01c',
    settings: { connect_form: oauthForm('Sign in to Intuit and pick the company to share.') },
  },
  {
    id: 304,
    name: 'Moneybird',
    server_type: 'moneybird',
    connectsBy: 'oauth',
    category: 'Accounting',
    order: 40,
    color: '#1f8ded',
    settings: { connect_form: oauthForm('Sign in to Moneybird and allow read access.') },
  },
  {
    id: 305,
    name: 'Yuki',
    server_type: 'yuki',
    category: 'Accounting',
    order: 50,
    color: '#4b2e83',
    settings: {
      connect_form: apiKey('Web service access key', 'In Yuki: Settings → Web service access keys.', {
        param1: {
          show: true,
          label: 'Administration ID',
          required: false,
          helptext: 'Leave empty to read every administration.',
        },
      }),
    },
  },
  {
    id: 306,
    name: 'Twinfield',
    server_type: 'twinfield',
    connectsBy: 'oauth',
    category: 'Accounting',
    order: 60,
    color: '#00a3e0',
    auth_type: 'OAuth',
    settings: {
      connect_form: {
        fields: {
          param1: { show: true, label: 'Organisation', required: true, helptext: 'Your Twinfield organisation code.' },
          ...hidden('password'),
        },
      },
    },
  },
  {
    id: 307,
    name: 'Odoo',
    server_type: 'odoo',
    category: 'Accounting',
    order: 70,
    color: '#714b67',
    settings: {
      connect_form: {
        helptext: 'Use an API key as password (Preferences → Account Security).',
        fields: {
          host: { show: true, label: 'Odoo URL', required: true, placeholder: 'https://yourcompany.odoo.com' },
          param1: { show: true, label: 'Database', required: true },
          username: { show: true, label: 'Login (e-mail)', required: true },
          password: { show: true, label: 'API key', required: true },
          ...hidden('port', 'param2'),
        },
      },
    },
  },
  // Databases & warehouses
  {
    id: 102,
    name: 'Postgres',
    server_type: 'postgres',
    category: 'Database',
    order: 100,
    color: '#dae7f1',
    settings: {
      connect_form: database(5432, 'Default port: 5432.', {
        param2: {
          show: true,
          label: 'Target database',
          required: false,
          helptext: 'Optional, only set if this connection will be used as a DW Target.',
        },
        param3: { show: true, label: 'Use SSL', type: 'checkbox', defaultvalue: true },
      }),
    },
  },
  {
    id: 103,
    name: 'MySQL',
    server_type: 'mysql',
    category: 'Database',
    order: 110,
    color: '#00758f',
    settings: { connect_form: database(3306, 'Default port: 3306. Allow our IP addresses in your firewall.') },
  },
  {
    id: 104,
    name: 'SQL Server',
    server_type: 'sqlserver',
    category: 'Database',
    order: 120,
    color: '#cc2927',
    settings: { connect_form: database(1433, 'Default port: 1433.') },
  },
  {
    id: 105,
    name: 'MongoDB',
    server_type: 'mongodb',
    category: 'Database',
    order: 130,
    color: '#47a248',
    settings: {
      connect_form: {
        helptext: 'A mongodb+srv:// connection string works best.',
        fields: {
          host: { show: true, label: 'Connection string', required: true, type: 'password' },
          param1: { show: true, label: 'Database', required: true },
          ...hidden('port', 'username', 'password'),
        },
      },
    },
  },
  {
    id: 106,
    name: 'Snowflake',
    server_type: 'snowflake',
    category: 'Data warehouse',
    order: 140,
    color: '#29b5e8',
    settings: {
      connect_form: {
        fields: {
          host: { show: true, label: 'Account identifier', required: true, placeholder: 'xy12345.eu-west-1' },
          username: { show: true, label: 'Username', required: true },
          password: { show: true, label: 'Password', required: true },
          param1: { show: true, label: 'Warehouse', required: true },
          param2: { show: true, label: 'Database', required: true },
          param3: { show: true, label: 'Role', defaultvalue: 'PUBLIC' },
          ...hidden('port'),
        },
      },
    },
  },
  {
    id: 107,
    name: 'BigQuery',
    server_type: 'bigquery',
    category: 'Data warehouse',
    order: 150,
    color: '#4386fa',
    settings: {
      connect_form: {
        helptext: 'Create a service account with the BigQuery Data Viewer role and paste its JSON key.',
        fields: {
          param1: { show: true, label: 'Project ID', required: true },
          password: { show: true, label: 'Service account key (JSON)', type: 'textarea', required: true },
          ...hidden('host', 'username'),
        },
      },
    },
  },
  {
    id: 108,
    name: 'Amazon Redshift',
    server_type: 'redshift',
    category: 'Data warehouse',
    order: 160,
    color: '#8c4fff',
    settings: { connect_form: database(5439, 'Default port: 5439.') },
  },
  // E-commerce & payments
  {
    id: 401,
    name: 'Shopify',
    server_type: 'shopify',
    category: 'E-commerce',
    order: 10,
    color: '#95bf47',
    settings: {
      connect_form: apiKey(
        'Admin API access token',
        'Create a custom app in Shopify and copy its Admin API access token.',
        { host: { show: true, label: 'Shop domain', required: true, placeholder: 'yourshop.myshopify.com' } },
      ),
    },
  },
  {
    id: 402,
    name: 'WooCommerce',
    server_type: 'woocommerce',
    category: 'E-commerce',
    order: 20,
    color: '#7f54b3',
    settings: {
      connect_form: {
        helptext: 'WooCommerce → Settings → Advanced → REST API.',
        fields: {
          host: { show: true, label: 'Store URL', required: true },
          username: { show: true, label: 'Consumer key', required: true },
          password: { show: true, label: 'Consumer secret', required: true },
          ...hidden('port', 'param1'),
        },
      },
    },
  },
  {
    id: 403,
    name: 'Stripe',
    server_type: 'stripe',
    category: 'Payments',
    order: 30,
    color: '#635bff',
    settings: {
      connect_form: apiKey('Restricted API key', 'A restricted key with read access is enough (starts with rk_live_).'),
    },
  },
  {
    id: 404,
    name: 'Mollie',
    server_type: 'mollie',
    category: 'Payments',
    order: 40,
    color: '#0d0d0d',
    settings: { connect_form: apiKey('API key', 'Use the live API key from your Mollie dashboard.') },
  },
  // Marketing
  {
    id: 501,
    name: 'Mailchimp',
    server_type: 'mailchimp',
    category: 'Marketing',
    order: 10,
    color: '#ffe01b',
    settings: { connect_form: apiKey('API key', 'Account → Extras → API keys.') },
  },
  {
    id: 502,
    name: 'Google Analytics 4',
    server_type: 'google_analytics',
    connectsBy: 'oauth',
    category: 'Marketing',
    order: 20,
    color: '#e37400',
    settings: {
      connect_form: {
        type: 'oauth',
        fields: {
          param1: { show: true, label: 'Property ID', required: true, helptext: 'Admin → Property settings.' },
        },
      },
    },
  },
  {
    id: 503,
    name: 'Brevo',
    server_type: 'brevo',
    category: 'Marketing',
    order: 30,
    color: '#0b996e',
    settings: { connect_form: apiKey('API key', 'SMTP & API → API keys.') },
  },
  {
    id: 504,
    name: 'LinkedIn Ads',
    server_type: 'linkedin_ads',
    connectsBy: 'oauth',
    category: 'Marketing',
    order: 40,
    color: '#0a66c2',
    oauth: true,
    settings: { connect_form: noShownFields() },
  },
  // Support
  {
    id: 601,
    name: 'Zendesk',
    server_type: 'zendesk',
    category: 'Support',
    order: 10,
    color: '#03363d',
    settings: {
      connect_form: {
        fields: {
          host: { show: true, label: 'Subdomain', required: true, placeholder: 'yourcompany' },
          username: { show: true, label: 'Agent e-mail', required: true },
          password: { show: true, label: 'API token', required: true },
          ...hidden('port'),
        },
      },
    },
  },
  {
    id: 602,
    name: 'Freshdesk',
    server_type: 'freshdesk',
    category: 'Support',
    order: 20,
    color: '#25c16f',
    settings: {
      connect_form: apiKey('API key', 'Profile settings → Your API key.', {
        host: { show: true, label: 'Domain', required: true, placeholder: 'yourcompany.freshdesk.com' },
      }),
    },
  },
  {
    id: 603,
    name: 'Intercom',
    server_type: 'intercom',
    connectsBy: 'oauth',
    category: 'Support',
    order: 30,
    color: '#1f8ded',
    settings: { connect_form: oauthForm('Sign in to Intercom and allow access.') },
  },
  // Productivity & files
  {
    id: 701,
    name: 'Google Sheets',
    server_type: 'google_sheets',
    connectsBy: 'oauth',
    category: 'Productivity',
    order: 10,
    color: '#0f9d58',
    settings: { connect_form: oauthForm('Sign in with the Google account that owns the sheets.') },
  },
  {
    id: 702,
    name: 'Airtable',
    server_type: 'airtable',
    category: 'Productivity',
    order: 20,
    color: '#fcb400',
    settings: {
      connect_form: apiKey('Personal access token', 'Create one at airtable.com/create/tokens with data.records:read.'),
    },
  },
  {
    id: 703,
    name: 'Notion',
    server_type: 'notion',
    connectsBy: 'oauth',
    category: 'Productivity',
    order: 30,
    color: '#000000',
    oauth: true,
    settings: { connect_form: noShownFields() },
  },
  {
    id: 704,
    name: 'Jira',
    server_type: 'jira',
    category: 'Productivity',
    order: 40,
    color: '#0052cc',
    settings: {
      connect_form: {
        fields: {
          host: { show: true, label: 'Site URL', required: true, placeholder: 'https://yourcompany.atlassian.net' },
          username: { show: true, label: 'E-mail', required: true },
          password: { show: true, label: 'API token', required: true },
          ...hidden('port'),
        },
      },
    },
  },
  {
    id: 705,
    name: 'SFTP',
    server_type: 'sftp',
    category: 'Files',
    order: 10,
    color: '#5b6770',
    settings: {
      connect_form: {
        helptext: 'We read CSV, Excel and JSON files.',
        fields: {
          host: { show: true, label: 'Host', required: true },
          port: { show: true, label: 'Port', type: 'integer', defaultvalue: 22 },
          username: { show: true, label: 'Username', required: true },
          password: { show: true, label: 'Password', required: true },
          param1: { show: true, label: 'Folder', defaultvalue: '/' },
          param2: {
            show: true,
            label: 'File format',
            type: 'select',
            options: ['CSV', 'Excel', 'JSON'],
            defaultvalue: 'CSV',
          },
        },
      },
    },
  },
  {
    id: 706,
    name: 'REST API',
    server_type: 'rest_api',
    category: 'Files',
    order: 20,
    color: '#6b7280',
    available: 'BETA',
    settings: {
      connect_form: {
        helptext: 'Any JSON API that answers over HTTPS.',
        fields: {
          host: { show: true, label: 'Base URL', required: true },
          param1: {
            show: true,
            label: 'Authentication',
            type: 'select',
            options: [
              { value: 'none', label: 'None' },
              { value: 'bearer', label: 'Bearer token' },
              { value: 'basic', label: 'Basic auth' },
            ],
            defaultvalue: 'bearer',
          },
          password: { show: true, label: 'Token or password', required: false },
          param2: { show: true, label: 'Extra headers', type: 'multiline', helptext: 'One "Name: value" per line.' },
        },
      },
    },
  },
  // HR
  {
    id: 801,
    name: 'Recruitee',
    server_type: 'recruitee',
    category: 'HR',
    order: 10,
    color: '#1999e3',
    settings: {
      connect_form: apiKey('API token', 'Settings → Apps and plugins → Personal API tokens.', {
        param1: { show: true, label: 'Company ID', required: true },
      }),
    },
  },
  {
    id: 802,
    name: 'BambooHR',
    server_type: 'bamboohr',
    category: 'HR',
    order: 20,
    color: '#73c41d',
    settings: {
      connect_form: apiKey('API key', 'Your photo → API keys.', {
        host: { show: true, label: 'Company subdomain', required: true },
      }),
    },
  },
  {
    id: 803,
    name: 'Personio',
    server_type: 'personio',
    category: 'HR',
    order: 30,
    color: '#1e1e1e',
    settings: {
      connect_form: {
        fields: {
          username: { show: true, label: 'Client ID', required: true },
          password: { show: true, label: 'Client secret', required: true },
          ...hidden('host', 'port'),
        },
      },
    },
  },
];

/** A fresh copy of the default catalogue (40 connectors in 11 categories). */
export const defaultCatalogue = (): FakeServertype[] =>
  structuredClone(entries).map((entry) => ({
    available: 'LIVE',
    description: `Sync your ${entry.name} data.`,
    connectsBy: 'credentials',
    ...entry,
  }));

/**
 * A large synthetic catalogue for benchmarks and scale tests: the real entries followed by numbered
 * credential connectors, `count` in all.
 */
export function syntheticCatalogue(count: number): FakeServertype[] {
  const base = defaultCatalogue();
  const categories = [...new Set(base.map((entry) => entry.category))];
  for (let index = base.length; index < count; index++) {
    base.push({
      id: 10_000 + index,
      name: `Connector ${String(index).padStart(5, '0')}`,
      server_type: `connector_${index}`,
      category: categories[index % categories.length] ?? 'Other',
      order: 1000 + index,
      color: '#888888',
      available: 'LIVE',
      description: 'A generated connector.',
      connectsBy: 'credentials',
      settings: { connect_form: apiKey('API key', 'Generated.') },
    });
  }
  return base.slice(0, count);
}
