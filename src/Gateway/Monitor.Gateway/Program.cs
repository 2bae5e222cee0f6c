using Monitor.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddMonitorGateway();
var app = builder.Build();
app.MapMonitorGateway();
app.Run();

/// <summary>Entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
