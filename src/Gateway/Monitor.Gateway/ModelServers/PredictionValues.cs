namespace Monitor.Gateway.ModelServers;

/// <summary>The prediction and confidence of each row of a response: a number, or a label where Labels has one.</summary>
public sealed record PredictionValues(int Rows, double[] Numbers, string?[]? Labels, double[] Confidences);
