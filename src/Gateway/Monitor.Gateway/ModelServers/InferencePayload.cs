namespace Monitor.Gateway.ModelServers;

/// <summary>The protocol a payload was written in.</summary>
public enum PayloadProtocol : byte
{
    /// <summary>KServe V1 / TensorFlow Serving: instances or inputs, predictions or outputs.</summary>
    V1 = 0,

    /// <summary>Open Inference Protocol (KServe V2, Triton): named tensors with shape and datatype.</summary>
    V2 = 1,

    /// <summary>Seldon Core v1: {"data": {"names", "ndarray" | "tensor"}}.</summary>
    Seldon = 2,

    /// <summary>BentoML monitor columns.</summary>
    Columns = 3,
}

/// <summary>One request or response body read into tensors, with what it said about itself.</summary>
public sealed class InferencePayload
{
    public required PayloadProtocol Protocol { get; init; }

    /// <summary>The inputs of a request, or the outputs of a response.</summary>
    public required IReadOnlyList<Tensor> Tensors { get; init; }

    /// <summary>V2 model_name.</summary>
    public string? ModelName { get; init; }

    /// <summary>V2 model_version.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>V2 id (or Seldon meta.puid).</summary>
    public string? Id { get; init; }

    /// <summary>Rows of the payload: the first tensor's, which every other tensor must match.</summary>
    public int Rows => Tensors.Count == 0 ? 0 : Tensors[0].Rows;
}
