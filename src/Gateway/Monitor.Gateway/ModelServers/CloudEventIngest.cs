namespace Monitor.Gateway.ModelServers;

/// <summary>
/// One KServe or Seldon event: its body read under its model's mapping, then held for (or joined with) its
/// other half; feedback is joined as labels and a reward event.
/// </summary>
public sealed class CloudEventIngest(ServedPayloads payloads, ModelServerIngest ingest, SeldonFeedback feedback, ModelServerMetrics metrics)
{
    public async Task<ExchangeAnswer> Handle(ModelServerEvent served)
    {
        metrics.Event(served.Source, served.Kind.ToString().ToLowerInvariant());
        switch (served.Kind)
        {
            case ServedEventKind.Request:
            {
                var payload = InferencePayloadReader.Read(served.Data, response: false, served.HeaderLength, payloads.Limits, "data.");
                var model = payloads.ModelName(served.Model, payload.ModelName, "ce-inferenceservicename");
                var mapping = await payloads.Mapping(model);
                var request = payloads.Request(served.Source, served.JoinId, model, served.RecordId, served.TimeMs, payload, mapping, served.Hints);
                return (await ingest.OfferRequest(request)) with { Model = model, Id = request.BaseId };
            }

            case ServedEventKind.Response:
            {
                var payload = InferencePayloadReader.Read(served.Data, response: true, served.HeaderLength, payloads.Limits, "data.");
                var model = payloads.ModelName(served.Model, payload.ModelName, "ce-inferenceservicename");
                var mapping = await payloads.Mapping(model);
                var response = payloads.Response(served.Source, served.JoinId, model, served.TimeMs, payload, mapping);
                return (await ingest.OfferResponse(response)) with { Model = model };
            }

            default:
            {
                var model = payloads.ModelName(served.Model, null, "ce-inferenceservicename");
                var mapping = await payloads.Mapping(model);
                var (labels, rewards) = SeldonFeedback.Read(model, served.RecordId, (long)(served.TimeMs ?? feedback.Now), served.Data, mapping, payloads.Limits);
                if (!await feedback.Deliver(model, labels, rewards))
                {
                    metrics.Orphan(served.Source, "feedback");
                    throw new PayloadException("ce-inferenceservicename", $"no model '{model}' has received predictions; feedback joins the predictions a model has received");
                }

                return new ExchangeAnswer("labels", labels?.Count ?? 0, model, Id: served.RecordId);
            }
        }
    }
}
