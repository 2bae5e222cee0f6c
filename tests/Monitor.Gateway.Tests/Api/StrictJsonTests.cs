using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Gateway.Api.Alerting;
using Monitor.Gateway.Api.Documents;

namespace Monitor.Gateway.Tests.Api;

/// <summary>Control-plane bodies read into typed documents: each refusal names the field (its JSON path) and the reason.</summary>
public sealed class StrictJsonTests
{
    private const string Rule = """{"name":"R","metric":"error_rate","comparator":">","threshold":0.5}""";

    [Theory]
    [InlineData("""{"name":"R","metric":"error_rate","comparator":">"}""", "threshold", "is required")]
    [InlineData("""{"name":"R","metric":"error_rate","comparator":">","threshold":null}""", "threshold", "must be a finite number")]
    [InlineData("""{"name":"R","metric":"","comparator":">","threshold":1}""", "metric", "must not be empty")]
    [InlineData("""{"name":"R","metric":"error_rate","comparator":">","threshold":1e400}""", "threshold", "must be a finite number")]
    [InlineData("""{"name":"R","metric":"error_rate","comparator":">","threshold":"1"}""", "threshold", "must be a finite number")]
    [InlineData("""{"name":"R","metric":"error_rate","comparator":">","threshold":1,"colour":1}""", "colour", "unknown field; known: action, annotations,")]
    [InlineData("""{"name":"R","name":"S","metric":"error_rate","comparator":">","threshold":1}""", "name", "appears more than once")]
    [InlineData("""{"name":"R","metric":"error_rate","comparator":"=>","threshold":1}""", "comparator", "must be one of > >= < <= == !=")]
    [InlineData("""{"name":"R","metric":"error_rate","comparator":">","threshold":1,"for":"5 minutes"}""", "for", "must be a duration")]
    [InlineData("""{"name":"R","metric":"error_rate","comparator":">","threshold":1,"labels":{"team":1}}""", "labels.team", "must be a string")]
    [InlineData("""{"name":"R","metric":"error_rate","comparator":">","threshold":1,"window_minutes":1.5}""", "window_minutes", "must be a whole number")]
    [InlineData("""[1]""", "body", "must be a JSON object")]
    [InlineData("""{"name":""", "body", "is not valid JSON")]
    public async Task A_rule_is_refused_naming_the_field_and_the_reason(string json, string field, string reason)
    {
        var (document, problem) = await Read<AlertRuleDocument>(json);
        Assert.Null(document);
        var (status, detail, named) = await Answer(problem!);
        Assert.Equal(400, status);
        Assert.Equal(field, named);
        Assert.StartsWith($"{field}: {reason}", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"default":{"channels":["log"]},"routes":[{"name":"r","matchers":[{"name":"model","value":"a","value":"b"}]}]}""", "routes[0].matchers[0].value")]
    [InlineData("""{"default":{"channels":["log"]},"routes":[{"name":"r","matchers":[{"name":"a b"}]}]}""", "routes[0].matchers[0].name")]
    [InlineData("""{"default":{"channels":["log"]},"routes":[{"name":"r","matchers":[{"name":"m","op":"~~"}]}]}""", "routes[0].matchers[0].op")]
    [InlineData("""{"default":{"channels":["log"]},"routes":[{"matchers":[]}]}""", "routes[0].name")]
    [InlineData("""{"default":{"channels":["log"],"group_wait":-1}}""", "default.group_wait")]
    [InlineData("""{"routes":[]}""", "default")]
    [InlineData("""{"default":{"channels":["log"]},"inhibit_rules":[{"source_matchers":[]}]}""", "inhibit_rules[0].target_matchers")]
    public async Task Nested_problems_are_named_by_their_path(string json, string field)
    {
        var (_, problem) = await Read<RoutingDocument>(json);
        Assert.Equal(field, (await Answer(problem!)).Field);
    }

    [Fact]
    public async Task A_valid_rule_reads_with_its_defaults_and_answers_what_it_read()
    {
        var (document, problem) = await Read<AlertRuleDocument>("\uFEFF" + Rule.Replace("}", ",\"for\":\"1h30m\",\"keep_firing_for\":90}"));
        Assert.Null(problem);
        var (rule, refused) = document!.ToRule(null);
        Assert.Null(refused);
        Assert.Equal((TimeSpan.FromMinutes(90), TimeSpan.FromSeconds(90), 5, 1L), (rule!.For, rule.KeepFiringFor, rule.WindowMinutes, rule.MinSamples));
        Assert.Equal("1h30m", JsonSerializer.SerializeToElement(AlertRuleDocument.From(rule), Monitor.Grains.MonitorJson.Options).GetProperty("for").GetString());
    }

    private static async Task<(T? Document, IResult? Problem)> Read<T>(string json)
        where T : class
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return await StrictJson.ReadAsync<T>(context);
    }

    private static async Task<(int Status, string Detail, string Field)> Answer(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var body = JsonDocument.Parse(context.Response.Body).RootElement;
        return (context.Response.StatusCode, body.GetProperty("detail").GetString()!, body.GetProperty("field").GetString()!);
    }
}
