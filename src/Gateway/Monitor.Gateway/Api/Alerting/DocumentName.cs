using Monitor.Grains.Alerting;

namespace Monitor.Gateway.Api.Alerting;

/// <summary>The name of a document sent to a path that may name it (PUT .../{name}): the path's wins over a missing one and must agree with a given one.</summary>
internal static class DocumentName
{
    public static FieldProblem? Resolve(string? pathName, string? bodyName, string what, out string name)
    {
        name = pathName ?? bodyName ?? "";
        if (name.Length == 0)
        {
            return new("name", "is required");
        }

        return bodyName is not null && bodyName != name ? new("name", $"'{bodyName}' differs from the {what} named in the path ('{name}')") : null;
    }
}
