// The fields of the documents the settings page edits, in the API's names; the API validates them.
export const RULE_FIELDS = [
  { name: 'name', label: 'Name', type: 'text' },
  { name: 'enabled', label: 'Enabled', type: 'bool', default: true },
  { name: 'metric', label: 'Metric', type: 'text', placeholder: 'error_rate', hint: 'A version metric, e.g. error_rate, latency_p95_ms, drift_detected; the API lists them when the name is unknown.' },
  { name: 'feature', label: 'Feature', type: 'text', hint: 'For a per-feature metric only.' },
  { name: 'comparator', label: 'Comparator', type: 'select', options: ['>', '>=', '<', '<=', '==', '!='] },
  { name: 'threshold', label: 'Threshold', type: 'number' },
  { name: 'window_minutes', label: 'Window (minutes)', type: 'number', placeholder: '5' },
  { name: 'for', label: 'For', type: 'text', placeholder: '0s', hint: 'How long the condition holds before the alert fires: 30s, 5m, 1h.' },
  { name: 'keep_firing_for', label: 'Keep firing for', type: 'text', placeholder: '0s' },
  { name: 'severity', label: 'Severity', type: 'select', options: ['warning', 'critical', 'info'] },
  { name: 'min_samples', label: 'Minimum samples', type: 'number', placeholder: '1' },
  { name: 'model', label: 'Model', type: 'text', hint: 'Empty: every model.' },
  { name: 'version', label: 'Version', type: 'text', hint: 'Empty: every version.' },
  { name: 'labels', label: 'Labels', type: 'map', placeholder: 'team=fraud', hint: 'One key=value per line.' },
  { name: 'annotations', label: 'Annotations', type: 'map', placeholder: 'summary=Errors above {{ threshold }}' },
  { name: 'action', label: 'Action', type: 'text' },
];

export const CHANNEL_FIELDS = [
  { name: 'name', label: 'Name', type: 'text' },
  { name: 'kind', label: 'Kind', type: 'select', options: ['webhook', 'slack', 'pagerduty', 'email', 'alertmanager'] },
  { name: 'send_resolved', label: 'Send resolved', type: 'bool', default: true },
  { name: 'url', label: 'URL', type: 'text', hint: 'A stored secret URL (webhook, Slack) is kept when this is left empty.' },
  { name: 'routing_key', label: 'Routing key', type: 'password', hint: 'PagerDuty; kept when left empty.' },
  { name: 'to', label: 'To', type: 'list', hint: 'Email: addresses separated by commas.' },
  { name: 'from', label: 'From', type: 'text' },
  { name: 'smtp_host', label: 'SMTP host', type: 'text' },
  { name: 'smtp_port', label: 'SMTP port', type: 'number' },
  { name: 'username', label: 'Username', type: 'text' },
  { name: 'password', label: 'Password', type: 'password', hint: 'Kept when left empty.' },
  { name: 'security', label: 'Security', type: 'select', options: ['', 'auto', 'none', 'starttls', 'tls'] },
  { name: 'timeout', label: 'Timeout', type: 'text', placeholder: '10s' },
  { name: 'max_attempts', label: 'Attempts', type: 'number' },
  { name: 'resend_interval', label: 'Resend interval', type: 'text', placeholder: '4h' },
];

export const ROUTING_FIELDS = [
  { name: 'default', label: 'Default route', type: 'json', rows: 6, hint: 'Alerts no other route takes: {"channels": ["log"], "group_by": ["alertname"], ...}' },
  { name: 'routes', label: 'Routes', type: 'json', rows: 10, hint: 'In order: [{"name": "...", "matchers": [{"name": "severity", "op": "=", "value": "critical"}], "channels": ["..."], "continue": false}]' },
  { name: 'inhibit_rules', label: 'Inhibit rules', type: 'json', rows: 5 },
];

export const DRIFT_SETTING_FIELDS = [
  { name: 'alpha', label: 'Alpha', type: 'number', placeholder: '0.05' },
  { name: 'correction', label: 'Correction', type: 'select', options: ['bonferroni', 'benjamini_hochberg', 'none'] },
  { name: 'minimum_sample_size', label: 'Minimum sample', type: 'number', placeholder: '30' },
  { name: 'numeric_test', label: 'Numeric test', type: 'text', placeholder: 'default choice', hint: 'ks, cvm, wasserstein, wasserstein_raw, psi, js or chi2; empty for the default choice per feature.' },
  { name: 'categorical_test', label: 'Categorical test', type: 'text', placeholder: 'default choice', hint: 'chi2, psi or js; empty for the default.' },
  { name: 'feature_tests', label: 'Per feature', type: 'map', placeholder: 'amount=ks', hint: 'One feature=test per line; wins over the per-type tests.' },
  { name: 'psi_threshold', label: 'PSI threshold', type: 'number' },
  { name: 'jensen_shannon_threshold', label: 'JS threshold', type: 'number' },
  { name: 'wasserstein_threshold', label: 'Wasserstein threshold', type: 'number' },
  { name: 'ks_method', label: 'KS method', type: 'select', options: ['auto', 'exact', 'asymptotic'] },
  { name: 'multivariate', label: 'Multivariate', type: 'json', rows: 7, hint: 'PCA reconstruction drift: {"enabled": true, "variance_to_keep": 0.65, "reference_chunks": 10, "lower_standard_deviations": 3, "upper_standard_deviations": 3}' },
];
