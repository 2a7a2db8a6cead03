import type { Severity } from '../types.js';

export interface ProviderPattern {
  kind: string;
  /** Cheap substring test run before the regex (gitleaks' keyword prefilter). */
  keyword: string;
  /** Compiled with the `d` flag when `group` is set, so the group's offsets are known. */
  regex: RegExp;
  /** Capture group holding the secret itself (default: the whole match). */
  group?: number;
  /** `block` (default) for a distinctive prefix with a fixed length; `warn` for looser shapes. */
  severity?: Severity;
  /** Only for redaction, which errs towards masking: looser variants of strict formats. */
  maskOnly?: boolean;
}

/*
 * Provider formats. The shapes (prefixes, alphabets, lengths) are facts from each provider's
 * documentation and from gitleaks' and secretlint's rule definitions; the expressions are ours.
 * Every pattern starts at a look-behind boundary and ends at a look-ahead one, and its runs are single
 * character classes whose separators are outside them, so a scan stays linear.
 */
const p = (kind: string, keyword: string, regex: RegExp, severity?: Severity): ProviderPattern => ({ kind, keyword, regex, ...(severity ? { severity } : {}) });

export const PROVIDERS: ProviderPattern[] = [
  p('Anthropic API key', 'sk-ant-', /(?<![\w-])sk-ant-(?:api03|admin01)-[\w-]{93}AA(?![\w-])/g),
  { kind: 'Anthropic API key', keyword: 'sk-ant-', regex: /(?<![\w-])sk-ant-[a-z]{2,8}\d{0,3}-[\w-]{20,}/g, maskOnly: true },
  p('OpenRouter API key', 'sk-or-', /(?<![\w-])sk-or-v1-[a-f0-9]{64}(?![\w-])/g),
  p('OpenAI API key', 'T3BlbkFJ', /(?<![\w-])sk-(?:proj-|svcacct-|admin-)?[\w-]{16,}T3BlbkFJ[\w-]{16,}/g),
  // Issued OpenAI keys carry T3BlbkFJ (base64 of "OpenAI"); without it the shape is only masked.
  { kind: 'OpenAI API key', keyword: 'sk-', regex: /(?<![\w-])sk-(?:proj|svcacct|admin)-[\w-]{40,}/g, maskOnly: true },
  p('AWS access key id', 'A', /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Z0-9])/g),
  // The secret half of an AWS key pair: 40 base64 characters, certain only next to its own name.
  { kind: 'AWS secret access key', keyword: '', regex: /(?<![\w])aws_?secret_?(?:access_?)?key["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi, group: 1 },
  p('GitHub token', 'gh', /(?<![\w])gh[pousr]_[A-Za-z0-9]{36,251}(?![\w])/g),
  p('GitHub app installation token', 'ghs_', /(?<![\w])ghs_\d{1,20}_eyJ[\w.-]{40,2000}/g),
  p('GitHub fine-grained token', 'github_pat_', /(?<![\w])github_pat_\w{82}(?![\w])/g),
  p('Stripe live secret key', 'k_', /(?<![\w])(?:sk|rk)_(?:live|prod)_[A-Za-z0-9]{20,247}(?![\w])/g),
  p('Stripe test secret key', '_test_', /(?<![\w])(?:sk|rk)_test_[A-Za-z0-9]{20,247}(?![\w])/g, 'warn'),
  p('Slack token', 'xox', /(?<![\w.-])xox[bpe]-\d{8,14}-[A-Za-z0-9-]{10,250}(?![\w#*-])/g),
  p('Slack token', 'xox', /(?<![\w.-])xox[aors]-[A-Za-z0-9]{1,48}(?:-[A-Za-z0-9]{1,64}){1,5}(?![\w-])/g),
  { kind: 'Slack token', keyword: 'xox', regex: /(?<![\w-])xox[a-z]-[A-Za-z0-9-]{10,250}/g, maskOnly: true },
  p('Slack configuration token', 'xoxe', /(?<![\w.-])xoxe(?:\.xox[bp])?-\d-[A-Za-z0-9]{146,166}(?![\w-])/g),
  p('Slack app token', 'xapp-', /(?<![\w-])xapp-\d-[A-Za-z0-9]{6,20}-\d{6,20}-[A-Za-z0-9]{20,}(?![\w-])/g),
  p('Slack webhook URL', 'hooks.slack.com', /(?<![\w.])(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{20,}/g),
  p('Microsoft Teams webhook URL', 'webhook.office.com', /https:\/\/[a-z0-9-]{1,60}\.webhook\.office\.com\/webhookb2\/[\w@-]{40,200}\/IncomingWebhook\/[a-f0-9]{32}\/[\w-]{36}/g),
  p('Google API key', 'AIza', /(?<![\w-])AIza[\w-]{35}(?![\w-])/g),
  p('npm access token', 'npm_', /(?<![\w])npm_[A-Za-z0-9]{36}(?![\w])/g),
  p('GitLab token', 'gl', /(?<![\w-])gl(?:pat|dt|ptt|rt|ft|imt|ffct|soat|oas|agent|cbt)-[\w-]{20,300}(?:\.[0-9a-z]{2}\.?[0-9a-z]{7})?(?![\w-])/g),
  p('GitLab runner registration token', 'GR1348941', /(?<![\w-])GR1348941[\w-]{20}(?![\w-])/g),
  p('Hugging Face token', '_', /(?<![\w-])(?:hf|api_org)_[A-Za-z]{34}(?![\w-])/g),
  p('SendGrid API key', 'SG.', /(?<![\w.-])SG\.[\w=.-]{66}(?![\w=.-])/g),
  p('Shopify token', 'shp', /(?<![\w])shp(?:ss|at|ca|pa)_[A-Za-z0-9]{32,64}(?![\w])/g),
  p('DigitalOcean token', '_v1_', /(?<![\w])do[opr]_v1_[a-f0-9]{64}(?![\w])/g),
  p('age secret key', 'AGE-SECRET-KEY-1', /(?<![\w-])AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![\w-])/g),
  p('1Password service account token', 'ops_eyJ', /(?<![\w])ops_eyJ[A-Za-z0-9+/]{250,}={0,3}/g),
  p('1Password secret key', 'A3-', /(?<![\w-])A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}(?![\w-])/g),
  p('Doppler token', 'dp.', /(?<![\w.])dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}(?![\w])/g),
  p('Fly.io token', 'f', /(?<![\w])(?:fo1_[\w-]{43}(?![\w-])|fm1[ar]_[A-Za-z0-9+/]{100,}|fm2_[A-Za-z0-9+/]{100,})/g),
  p('Pulumi token', 'pul-', /(?<![\w-])pul-[a-f0-9]{40}(?![\w-])/g),
  p('Postman API key', 'PMAK-', /(?<![\w-])PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}(?![\w-])/g),
  p('PlanetScale token', 'pscale_', /(?<![\w])pscale_(?:pw|tkn|oauth)_[\w=.-]{32,64}(?![\w=.-])/g),
  p('Databricks token', 'dapi', /(?<![\w])dapi[a-fA-F0-9]{32}(?:-\d)?(?![\w-])/g),
  p('HashiCorp Vault token', 'hv', /(?<![\w.])(?:hvs\.[\w-]{90,120}|hvb\.[\w-]{138,300})(?![\w-])/g),
  p('Infracost key', 'ico-', /(?<![\w.-])ico-[A-Za-z0-9]{32}(?![\w-])/g),
  p('Sourcegraph token', 'sgp_', /(?<![\w])sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}(?![\w])/g),
  p('Facebook access token', 'EAA', /(?<![\w])EAA[MC][A-Za-z0-9]{100,}(?![\w])/g),
  p('EasyPost key', 'EZ', /(?<![\w])EZ[AT]K[A-Za-z0-9]{54}(?![\w])/g),
  p('Frame.io token', 'fio-u-', /(?<![\w-])fio-u-[\w=-]{64}(?![\w=-])/g),
  p('Heroku key', 'HRKU-', /(?<![\w-])HRKU-AA[\w-]{58}(?![\w-])/g),
  p('Prefect key', 'pnu_', /(?<![\w])pnu_[A-Za-z0-9]{36}(?![\w])/g),
  p('ReadMe key', 'rdme_', /(?<![\w])rdme_[a-z0-9]{70}(?![\w])/g),
  p('RubyGems key', 'rubygems_', /(?<![\w])rubygems_[a-f0-9]{48}(?![\w])/g),
  p('PyPI token', 'pypi-AgEIcHlwaS5vcmc', /(?<![\w-])pypi-AgEIcHlwaS5vcmc[\w-]{50,1000}/g),
  p('Clojars token', 'CLOJARS_', /(?<![\w])CLOJARS_[A-Za-z0-9]{60}(?![\w])/gi),
  p('Scalingo token', 'tk-us-', /(?<![\w-])tk-us-[\w-]{48}(?![\w-])/g),
  p('Brevo (Sendinblue) key', 'xkeysib-', /(?<![\w-])xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}(?![\w-])/g),
  p('Shippo token', 'shippo_', /(?<![\w])shippo_(?:live|test)_[a-fA-F0-9]{40}(?![\w])/g),
  p('Duffel token', 'duffel_', /(?<![\w])duffel_(?:test|live)_[\w=-]{43}(?![\w=-])/g),
  p('Dynatrace token', 'dt0c01.', /(?<![\w.])dt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}(?![\w])/g),
  p('Adobe client secret', 'p8e-', /(?<![\w-])p8e-[A-Za-z0-9]{32}(?![\w-])/g),
  p('Alibaba access key id', 'LTAI', /(?<![\w])LTAI[A-Za-z0-9]{20}(?![\w])/g),
  p('Linear API key', 'lin_api_', /(?<![\w])lin_api_[A-Za-z0-9]{40}(?![\w])/g),
  p('Notion token', 'ntn_', /(?<![\w])ntn_\d{11}[A-Za-z0-9]{35}(?![\w])/g),
  p('Grafana token', 'gl', /(?<![\w])(?:glc_[A-Za-z0-9+/]{32,400}={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![\w]))/g),
  p('Grafana API key', 'eyJrIjoi', /(?<![\w])eyJrIjoi[A-Za-z0-9]{70,400}={0,3}/g),
  p('Sentry token', 'sntry', /(?<![\w])(?:sntryu_[a-f0-9]{64}(?![\w])|sntrys_eyJpYXQiO[A-Za-z0-9+/=]{20,400}_[A-Za-z0-9+/]{43}(?![\w+/]))/g),
  p('OpenShift token', 'sha256~', /(?<![\w-])sha256~[\w-]{43}(?![\w-])/g),
  p('Vercel token', 'vc', /(?<![\w])vc[pikar]_[A-Za-z0-9]{24,64}(?![\w])/g),
  p('Tailscale key', 'tskey-', /(?<![A-Za-z])tskey-[a-z]{2,12}-[A-Za-z0-9]{6,20}-[A-Za-z0-9]{16,64}(?![\w-])/g),
  p('Cloudflare token', 'cf', /(?<![\w])cf(?:ut|at|k)_[A-Za-z0-9]{40}[a-f0-9]{8}(?![\w])/g),
  p('Groq API key', 'gsk_', /(?<![\w])gsk_[A-Za-z0-9]{52}(?![\w])/g),
  p('Figma token', 'figd_', /(?<![\w])figd_[\w-]{40,}/g),
  p('Docker access token', 'dckr_', /(?<![\w])dckr_(?:pat|oat)_[\w-]{27,}/g),
  p('Perplexity API key', 'pplx-', /(?<![\w-])pplx-[A-Za-z0-9]{48}(?![\w-])/g),
  p('Twilio API key', 'SK', /(?<![\w])SK[0-9a-fA-F]{32}(?![\w])/g, 'warn'),
  p('Telegram bot token', ':A', /(?<![\w:-])\d{5,16}:A[\w-]{34}(?![\w-])/g, 'warn'),
  p('Azure AD client secret', 'Q~', /(?<![\w~.-])[\w~.]{3}\dQ~[\w~.-]{31,34}(?![\w~.-])/g, 'warn'),
  // Sidekiq Enterprise/Pro gem credentials: `user:password`, each 8 hex digits, for contribsys' gem servers.
  { kind: 'Sidekiq gem credentials', keyword: 'CONTRIBSYS__COM', regex: /(?<![\w])BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM["']?[ \t]*[:=][ \t]*["']?([a-f0-9]{8}:[a-f0-9]{8})(?![\w])/dg, group: 1 },
  { kind: 'Sidekiq gem credentials', keyword: 'contribsys.com', regex: /(?<![\w])https?:\/\/([a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\.contribsys\.com/dgi, group: 1 },
  p('private key', 'PRIVATE KEY', /-----BEGIN[ A-Z0-9]{0,20} PRIVATE KEY(?: BLOCK)?-----/g),
  {
    kind: 'connection string with a password',
    keyword: '://',
    regex: /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver):\/\/[^\s:@/'"`]+:([^\s@/'"`]{3,})@([^\s/:'"`?]+)/dg,
    group: 1,
    severity: 'block',
  },
];

/** Keys providers publish as examples (AWS's documentation keys, the Firebase SDK's sample keys). */
export const DOCUMENTED_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
  // Sample Google API keys of firebase/firebase-android-sdk's documentation and tests.
  ...['SyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs', 'SyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM', 'SyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU', 'SyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0', 'yDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A', 'SyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c', 'SyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4', 'SyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY', 'SyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM', 'SyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ', 'SyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g', 'SyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU', 'SyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw', 'SyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE', 'SyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY'].map((k) => `AIza${k}`),
]);
