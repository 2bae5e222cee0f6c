using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Gateway.Security;

namespace Monitor.Gateway.FunctionalTests.Hosting;

/// <summary>
/// Every endpoint the gateway maps says who may call it: an explicit authorization policy of
/// <see cref="ApiPolicies"/> or an explicit AllowAnonymous, so no endpoint is open or closed by accident.
/// </summary>
public sealed class EndpointPolicyTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static readonly string[] Known =
        [ApiPolicies.Read, ApiPolicies.Ingest, ApiPolicies.Admin, ApiPolicies.Metrics, ApiPolicies.OrleansDashboard, ApiPolicies.ApiDocs];

    [Fact]
    public void Every_mapped_endpoint_names_a_policy_or_is_explicitly_anonymous()
    {
        var endpoints = gateway.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var faults = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var name = $"{string.Join(",", endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} {endpoint.RoutePattern.RawText}";
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            if (anonymous == policies.Count > 0)
            {
                faults.Add($"{name}: {(anonymous ? "both anonymous and a policy" : "neither a policy nor anonymous")}");
            }
            else if (policies.Any(p => !Known.Contains(p)))
            {
                faults.Add($"{name}: policy {string.Join(",", policies)} is not one of the API key policies");
            }
        }

        Assert.True(faults.Count == 0, string.Join(Environment.NewLine, faults));
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/v1/predictions");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText?.StartsWith("/orleans", StringComparison.Ordinal) is true);
    }

    [Theory]
    [InlineData("POST", "/v1/predictions", ApiPolicies.Ingest)]
    [InlineData("POST", "/v1/labels", ApiPolicies.Ingest)]
    [InlineData("GET", "/v1/models", ApiPolicies.Read)]
    [InlineData("POST", "/v1/alerts/rules", ApiPolicies.Admin)]
    [InlineData("GET", "/metrics", ApiPolicies.Metrics)]
    public void Endpoints_declare_the_policy_of_what_they_do(string method, string route, string policy)
    {
        var endpoint = gateway.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText?.TrimEnd('/') == route && (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method) ?? true));
        Assert.Equal(policy, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Single().Policy);
    }
}
