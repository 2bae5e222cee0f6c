using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Monitor.Grains.Alerting;

namespace Monitor.Gateway.Api.Documents;

/// <summary>
/// Runs a document's checks after it is read, in the order its fields are declared, nested documents
/// included: the DataAnnotations on its properties (<see cref="RequiredAttribute"/>, <see cref="StringLengthAttribute"/>,
/// <see cref="RangeAttribute"/> on whole numbers), then its <see cref="IValidatableObject.Validate"/>.
/// The first problem is answered, named by the field's JSON path.
/// </summary>
public static class DocumentChecks
{
    public static FieldProblem? FirstProblem(object document, JsonSerializerOptions options, string prefix = "")
    {
        var info = options.GetTypeInfo(document.GetType());
        foreach (var property in info.Properties)
        {
            var value = property.Get?.Invoke(document);
            var field = prefix + property.Name;
            foreach (var check in property.AttributeProvider?.GetCustomAttributes(typeof(ValidationAttribute), true) ?? [])
            {
                if (!((ValidationAttribute)check).IsValid(value))
                {
                    return new FieldProblem(field, Reason((ValidationAttribute)check, value));
                }
            }

            if (Nested(value, field, options) is { } nested)
            {
                return nested;
            }
        }

        if (document is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(new ValidationContext(document)))
            {
                var member = result.MemberNames.FirstOrDefault() ?? "";
                var name = info.Properties.FirstOrDefault(p => (p.AttributeProvider as MemberInfo)?.Name == member)?.Name ?? member;
                return new FieldProblem(prefix + name, result.ErrorMessage ?? "is not valid");
            }
        }

        return null;
    }

    private static FieldProblem? Nested(object? value, string field, JsonSerializerOptions options)
    {
        if (value is null || !IsDocument(value.GetType()))
        {
            return value is IEnumerable items and not string and not IDictionary ? Items(items, field, options) : null;
        }

        return FirstProblem(value, options, field + ".");
    }

    private static FieldProblem? Items(IEnumerable items, string field, JsonSerializerOptions options)
    {
        var i = 0;
        foreach (var item in items)
        {
            if (item is not null && IsDocument(item.GetType()) && FirstProblem(item, options, $"{field}[{i}].") is { } problem)
            {
                return problem;
            }

            i++;
        }

        return null;
    }

    // Documents are the gateway's own records; strings, numbers and the framework's collections are values.
    private static bool IsDocument(Type type) => type.Assembly == typeof(DocumentChecks).Assembly && type.IsClass;

    private static string Reason(ValidationAttribute check, object? value) => check switch
    {
        RequiredAttribute => value is string ? "must not be empty" : "is required",
        StringLengthAttribute { MinimumLength: > 0 } s => $"must be {s.MinimumLength} to {s.MaximumLength} characters",
        StringLengthAttribute s => $"must be at most {s.MaximumLength} characters",
        RangeAttribute r => $"must be a whole number from {r.Minimum} to {r.Maximum}",
        _ => check.ErrorMessage ?? "is not valid",
    };
}
