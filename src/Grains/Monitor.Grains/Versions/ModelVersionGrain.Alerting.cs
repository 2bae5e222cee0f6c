using Microsoft.Extensions.Logging;
using Monitor.Grains.Alerting;

namespace Monitor.Grains.Versions;

/// <summary>
/// The version's alert rules: evaluated on their own timer against every metric source of the version,
/// with the rule set read from the silo's cache (refetched only when it changed). Alert phases are
/// written through when they change; firing and resolved alerts go to the model's alert grain.
/// </summary>
public sealed partial class ModelVersionGrain
{
    private VersionRuleEvaluator _alerting = null!;
    private AlertRuleSet? _ruleSet;
    private AlertRule[] _rules = [];
    private IGrainTimer? _evaluationTimer;
    private bool _evaluationKeepsAlive;

    public Task<RuleState[]> GetRuleStates() => Task.FromResult(_alerting.Describe());

    public Task<string[]> GetHeldAlerts() => Task.FromResult(_alerting.Held());

    private void ActivateAlerting()
    {
        state.State.Alerting ??= new VersionAlertState();
        _alerting = new VersionRuleEvaluator(_model, _version, state.State.Alerting, alertingOptions.Value);
        ArmEvaluation();
    }

    /// <summary>
    /// While an alert is pending or firing the timer keeps the grain active, so an alert is judged (and
    /// resolved) even when traffic stops; otherwise the grain may be collected when idle.
    /// </summary>
    private void ArmEvaluation()
    {
        var keepAlive = _alerting.HasActiveAlerts;
        if (_evaluationTimer is not null && keepAlive == _evaluationKeepsAlive)
        {
            return;
        }

        _evaluationTimer?.Dispose();
        var interval = alertingOptions.Value.EvaluationInterval;
        _evaluationKeepsAlive = keepAlive;
        _evaluationTimer = this.RegisterGrainTimer(EvaluateRules, new GrainTimerCreationOptions(interval, interval) { Interleave = false, KeepAlive = keepAlive });
    }

    private async Task EvaluateRules(CancellationToken cancellationToken)
    {
        var snapshot = await alertingSource.GetAsync();
        if (!ReferenceEquals(snapshot.Rules, _ruleSet))
        {
            _ruleSet = snapshot.Rules;
            _rules = [.. _ruleSet.Rules.Where(r => r.AppliesTo(_model, _version))];
        }

        var now = time.GetUtcNow();
        var (updates, changed) = _alerting.Evaluate(_rules, _metrics, now);
        if (changed)
        {
            await SaveAlertState(cancellationToken);
        }

        if (updates.Count > 0)
        {
            try
            {
                await GrainFactory.GetGrain<IModelAlertsGrain>(_model).Receive([.. updates]);
                _alerting.Acknowledge(updates, now);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Unacknowledged updates are sent again on the next evaluation.
                LogAlertsNotSent(logger, ex, _model, _version);
            }
        }

        ArmEvaluation();
        if (changed)
        {
            // A new pending or firing alert is a reason to wake the version after a restart; the last one ending is not.
            await ReportResumeMark();
        }
    }

    private async Task SaveAlertState(CancellationToken cancellationToken)
    {
        // Written through; the windows have checkpoints of their own (the next one also retries this
        // write if it failed).
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _dirty = true;
            LogCheckpointFailed(logger, ex, _model, _version);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alerts of {Model}/{Version} could not be sent to the model's alert grain; retrying on the next evaluation")]
    private static partial void LogAlertsNotSent(ILogger logger, Exception exception, string model, string version);
}
