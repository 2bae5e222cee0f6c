using Microsoft.Extensions.Logging;
using Monitor.Grains.Versions.Parts;

namespace Monitor.Grains.Alerting;

/// <summary>
/// The version's alert rules: evaluated on their own timer against every part's figures, with the rule set read
/// from the silo's cache (refetched only when it changed). Alert phases are a state of their own ("alerting"),
/// written through when they change; firing and resolved alerts go to the model's alert grain.
/// </summary>
public sealed partial class AlertingPart : VersionPart
{
    public const string PartName = "alerting";

    private VersionPartContext _context = null!;
    private AlertingOptions _options = null!;
    private AlertingSnapshotSource _source = null!;
    private ILogger _logger = null!;
    private PartState<VersionAlertState> _state = null!;
    private VersionRuleEvaluator _alerting = null!;
    private AlertRuleSet? _ruleSet;
    private AlertRule[] _rules = [];
    private IGrainTimer? _timer;
    private bool _timerKeepsAlive;
    private bool _unsaved;

    public override string Name => PartName;

    /// <summary>True while an alert is pending or firing (a reason to wake the version after a restart).</summary>
    public bool HasActiveAlerts => _alerting.HasActiveAlerts;

    public override async Task ActivateAsync(VersionPartContext context, CancellationToken cancellationToken)
    {
        _context = context;
        _options = context.Options<AlertingOptions>();
        _source = context.Service<AlertingSnapshotSource>();
        _logger = context.Logger<AlertingPart>();
        _state = await context.State<VersionAlertState>(PartName).ReadAsync();
        _alerting = new VersionRuleEvaluator(context.Model, context.Version, _state.Value, _options);
        Arm();
    }

    /// <summary>A write of the alert phases that failed is retried after the next checkpoint.</summary>
    public override async Task CommittedAsync(CancellationToken cancellationToken)
    {
        if (_unsaved)
        {
            await _state.WriteAsync();
            _unsaved = false;
        }
    }

    public RuleState[] RuleStates() => _alerting.Describe();

    public string[] Held() => _alerting.Held();

    /// <summary>
    /// While an alert is pending or firing the timer keeps the grain active, so an alert is judged (and
    /// resolved) even when traffic stops; otherwise the grain may be collected when idle.
    /// </summary>
    private void Arm()
    {
        var keepAlive = _alerting.HasActiveAlerts;
        if (_timer is not null && keepAlive == _timerKeepsAlive)
        {
            return;
        }

        _timer?.Dispose();
        _timerKeepsAlive = keepAlive;
        _timer = _context.RegisterTimer(EvaluateAsync, _options.EvaluationInterval, keepAlive);
    }

    private async Task EvaluateAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _source.GetAsync();
        if (!ReferenceEquals(snapshot.Rules, _ruleSet))
        {
            _ruleSet = snapshot.Rules;
            _rules = [.. _ruleSet.Rules.Where(r => r.AppliesTo(_context.Model, _context.Version))];
        }

        var now = _context.Time.GetUtcNow();
        var (updates, changed) = _alerting.Evaluate(_rules, _context.Host.Metrics, now);
        if (changed)
        {
            await SaveAsync(cancellationToken);
        }

        if (updates.Count > 0)
        {
            try
            {
                await _context.Grains.GetGrain<IModelAlertsGrain>(_context.Model).Receive([.. updates]);
                _alerting.Acknowledge(updates, now);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Unacknowledged updates are sent again on the next evaluation.
                LogAlertsNotSent(_logger, ex, _context.Model, _context.Version);
            }
        }

        Arm();
        if (changed)
        {
            // A new pending or firing alert is a reason to wake the version after a restart; the last one ending is not.
            await _context.Host.ReportResumeAsync();
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _state.WriteAsync();
            _unsaved = false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _unsaved = true;
            _context.Host.Changed();
            LogAlertStateNotSaved(_logger, ex, _context.Model, _context.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alerts of {Model}/{Version} could not be sent to the model's alert grain; retrying on the next evaluation")]
    private static partial void LogAlertsNotSent(ILogger logger, Exception exception, string model, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The alert state of {Model}/{Version} could not be written; it is written again after the next checkpoint")]
    private static partial void LogAlertStateNotSaved(ILogger logger, Exception exception, string model, string version);
}
