using System.ComponentModel.DataAnnotations;
using Monitor.Grains.Alerting;

namespace Monitor.Gateway.Api.Alerting;

/// <summary>A label matcher of a silence, route or inhibit rule: <c>{"name": "model", "op": "=~", "value": "fraud-.*"}</c> (op default <c>=</c>).</summary>
public sealed record MatcherDocument : IValidatableObject
{
    [Required, StringLength(100)] public required string Name { get; init; }
    [StringLength(2)] public string? Op { get; init; }
    [StringLength(LabelMatcher.MaxPatternLength)] public string? Value { get; init; }

    public static MatcherDocument From(LabelMatcher matcher) => new() { Name = matcher.Name, Op = matcher.Symbol, Value = matcher.Value };

    public LabelMatcher ToMatcher()
    {
        var op = MatchOperator.Equal;
        if (Op is not null)
        {
            LabelMatcher.TryParseOperator(Op, out op);
        }

        return new LabelMatcher(Name, op, Value ?? "");
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Op is not null && !LabelMatcher.TryParseOperator(Op, out _))
        {
            yield return new("must be one of = != =~ !~", [nameof(Op)]);
        }
        else if (!AlertRuleValidator.IsName(Name))
        {
            yield return new("must be a label name", [nameof(Name)]);
        }
        else if (ToMatcher().PatternError() is { } error)
        {
            yield return new(error, [nameof(Value)]);
        }
    }
}
