namespace Monitor.Gateway;

/// <summary>The gateway process: the HTTP API and, in single-node mode, a co-hosted silo.</summary>
public sealed class GatewayProgram
{
    public static void Main(string[] args)
    {
        // appsettings.json ships beside the binary, so it applies whatever directory Monitor starts in;
        // relative data paths still resolve against the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddMonitorGateway();
        var app = builder.Build();
        app.MapMonitorGateway();
        app.Run();
    }
}
