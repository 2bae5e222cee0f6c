namespace Monitor.Gateway;

/// <summary>The gateway process: the HTTP API and, in single-node mode, a co-hosted silo.</summary>
public sealed class GatewayProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddMonitorGateway();
        var app = builder.Build();
        app.MapMonitorGateway();
        app.Run();
    }
}
