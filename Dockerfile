# One image recipe for the three services; PROJECT picks which (see docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
WORKDIR /src
COPY . .
RUN dotnet publish "$PROJECT" -c Release -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG ENTRY
WORKDIR /app
COPY --from=build /app .
ENV ENTRY_DLL=${ENTRY}
# The key-ring volume is mounted here; a named volume takes this folder's owner on first use.
RUN mkdir -p /keys && chown "$APP_UID" /keys
USER $APP_UID
ENTRYPOINT ["sh", "-c", "exec dotnet \"$ENTRY_DLL\""]
