# Monitor: one build, two images. `docker build --target gateway .` and `--target silo`.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Monitor.sln ./
COPY src/ src/
RUN dotnet publish src/Gateway/Monitor.Gateway/Monitor.Gateway.csproj -c Release -o /out/gateway \
 && dotnet publish src/Silo/Monitor.Silo/Monitor.Silo.csproj -c Release -o /out/silo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN groupadd --system monitor && useradd --system --gid monitor --home-dir /app monitor \
 && mkdir -p /data /keys && chown monitor:monitor /data /keys && chmod 0700 /data /keys
WORKDIR /app

FROM runtime AS silo
COPY --from=build /out/silo /app
USER monitor
# 11111 silo-to-silo, 30000 gateways, 9464 Prometheus metrics; none needs publishing outside the cluster network.
EXPOSE 11111 30000 9464
ENTRYPOINT ["dotnet", "/app/Monitor.Silo.dll"]

FROM runtime AS gateway
COPY --from=build /out/gateway /app
USER monitor
ENV ASPNETCORE_URLS=http://0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "/app/Monitor.Gateway.dll"]
