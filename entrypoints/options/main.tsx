import { render } from "preact";
import { Options } from "../../components/Options";
import "../../components/theme.css";
import "./style.css";

render(<Options />, document.getElementById("app")!);
