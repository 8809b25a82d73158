# Used by `sam build` (BuildMethod: makefile): builds the shaded functions jar once per function
# and puts it where the Java runtime loads jars from (lib/ in the deployment package).
build-ApiFunction build-StateAdvanceFunction build-TaskTokenFunction:
	./mvnw -q -B -pl functions -am package -DskipTests
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/target/nestflow-functions.jar "$(ARTIFACTS_DIR)/lib/"
