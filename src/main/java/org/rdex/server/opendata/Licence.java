package org.rdex.server.opendata;

/**
 * Licences an operator may choose for the data, with their ids in data.gouv.fr's list of licences and on
 * schema.data.gouv.fr.
 */
public enum Licence {

    /** Licence Ouverte / Open Licence 2.0 (Etalab): reuse freely, cite the source and the date. */
    LOV2("lov2", "etalab-2.0", "Licence Ouverte / Open Licence version 2.0",
            "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
    /** Open Database License: share-alike. */
    ODC_ODBL("odc-odbl", "ODbL-1.0", "Open Data Commons Open Database License (ODbL)",
            "https://opendatacommons.org/licenses/odbl/1-0/");

    private final String dataGouvId;
    private final String schemaId;
    private final String title;
    private final String url;

    Licence(String dataGouvId, String schemaId, String title, String url) {
        this.dataGouvId = dataGouvId;
        this.schemaId = schemaId;
        this.title = title;
        this.url = url;
    }

    public String dataGouvId() {
        return dataGouvId;
    }

    public String schemaId() {
        return schemaId;
    }

    public String title() {
        return title;
    }

    public String url() {
        return url;
    }
}
